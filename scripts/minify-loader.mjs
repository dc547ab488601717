// Trunk post-build hook (Trunk.toml): minifies the loader that Trunk copied
// into the staging folder, in release builds. static/nudge.js stays the
// readable source, with its comments; a visitor downloads the minified copy.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("minify-loader: run by Trunk (TRUNK_STAGING_DIR is not set)");
if (process.env.TRUNK_PROFILE === "release") {
  const path = join(staging, "nudge.js");
  const { code } = await transform(readFileSync(path, "utf8"), { minify: true, target: "es2020", charset: "ascii" });
  writeFileSync(path, code);
}
