#!/usr/bin/env bash
# Makes headless Chromium available for the report tests: prints the path of the browser, installing Debian's
# `chromium` package when it is missing and apt-get can be used (root, or sudo without a password).
# Prints nothing and exits 0 when no browser can be had: the tests that need it then skip, saying why.
set -u
find_browser() {
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}
if find_browser; then exit 0; fi
if [ "${PROMPTGEN_NO_BROWSER_INSTALL:-}" = "1" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else exit 0; fi
fi
{
  $sudo apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
} >&2 || exit 0
find_browser || exit 0
