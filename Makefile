# Two commands do all the set-up on a fresh Debian 12 machine (as root):
#   make demo   install what is missing, build, run the daemon once on bundled offline data
#   make test   install what is missing, build, run every test through ctest
# Builds are incremental into build/ (ccache is used when installed).

BUILD    ?= build
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

# Debian 12 packages the build, the tests and the demo need.
DEB_PACKAGES := build-essential cmake pkg-config ccache \
  libcurl4-openssl-dev libgumbo-dev libre2-dev libsqlitecpp-dev libsqlite3-dev \
  libspdlog-dev libfmt-dev catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev \
  libcpp-httplib-dev libuchardet-dev libxml2-dev zlib1g-dev libsystemd-dev sqlite3

.PHONY: all deps configure build test demo clean

all: build

# Installs only the packages that are missing (apt-get as root, else through sudo).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

demo: build
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	./$(BUILD)/ecwatch run --once --config examples/demo.toml
	@echo
	@echo "Stored alerts (sqlite3 $(BUILD)/demo.db 'select * from alerts'):"
	@./$(BUILD)/ecwatch alerts --db $(BUILD)/demo.db

clean:
	rm -rf $(BUILD)
