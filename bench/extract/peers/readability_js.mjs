// Peer for bench/extract/run: Mozilla Readability on jsdom over a corpus.
// Usage: node readability_js.mjs CASES_DIR OUT_DIR   (NODE_PATH holds the packages)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.env.NODE_PATH || ".", "x.js"));
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const [casesDir, outDir] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const quiet = new VirtualConsole();  // page scripts are not run; drop CSS parse noise
for (const name of fs.readdirSync(casesDir).sort()) {
  const page = path.join(casesDir, name, "page.html");
  if (!fs.existsSync(page)) continue;
  let url = "http://example.com/";
  try {
    url = JSON.parse(fs.readFileSync(path.join(casesDir, name, "meta.json"), "utf8")).url || url;
  } catch (e) {}
  let text = "";
  try {
    const dom = new JSDOM(fs.readFileSync(page, "utf8"), { url, virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    text = article ? article.textContent : "";
    dom.window.close();
  } catch (e) {
    process.stderr.write(`${name}: ${e}\n`);
  }
  fs.writeFileSync(path.join(outDir, name + ".txt"), text.trim() + "\n");
}
