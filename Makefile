# Two commands do all the set-up on a fresh Debian 12 machine (as root):
#   make demo   install what is missing, build, run the daemon once on bundled offline data
#   make test   install what is missing, build, run every test through ctest, then again
#               under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   make fuzz   build the libFuzzer targets with clang and run each for FUZZ_SECONDS
# Builds are incremental into build/ (ccache is used when installed).

BUILD    ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

# Debian 12 packages the build, the tests and the demo need.
DEB_PACKAGES := build-essential cmake pkg-config ccache \
  libcurl4-openssl-dev libgumbo-dev libre2-dev libsqlitecpp-dev libsqlite3-dev \
  libspdlog-dev libfmt-dev catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev \
  libcpp-httplib-dev libuchardet-dev libxml2-dev zlib1g-dev libsystemd-dev sqlite3

.PHONY: all deps configure build test unit-test asan-test demo fuzz fuzz-deps clean

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

test: unit-test asan-test

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

# The same suite under ASan + UBSan; any report fails (halt_on_error, no recovery).
asan-test: deps
	@[ -f $(ASAN_BUILD)/CMakeCache.txt ] || cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" -DECWATCH_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 1800

demo: build
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	./$(BUILD)/ecwatch run --once --config examples/demo.toml
	@echo
	@echo "Stored alerts (sqlite3 $(BUILD)/demo.db 'select * from alerts'):"
	@./$(BUILD)/ecwatch alerts --db $(BUILD)/demo.db

fuzz-deps:
	@command -v clang++ >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-dev)

fuzz: deps fuzz-deps
	@[ -f $(FUZZ_BUILD)/CMakeCache.txt ] || CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECWATCH_BUILD_FUZZ=ON -DECWATCH_BUILD_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_extract fuzz_rule_file fuzz_feed fuzz_config fuzz_robots fuzz_url fuzz_sitemap
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
