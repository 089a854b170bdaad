#!/usr/bin/env bash
# Makes redis-server available for the shared recordings store tests: prints the path of redis-server, installing
# Debian's `redis-server` package when it is missing and apt-get can be used (root, or sudo without a password).
# Prints nothing and exits 0 when no server can be had: the tests that need it then skip, saying why.
set -u
find_server() {
  if command -v redis-server >/dev/null 2>&1; then command -v redis-server; return 0; fi
  return 1
}
if find_server; then exit 0; fi
if [ "${PROMPTGEN_NO_REDIS_INSTALL:-}" = "1" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else exit 0; fi
fi
{
  $sudo apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server
} >&2 || exit 0
# The package starts a system-wide server; the tests start their own on a free port.
find_server || exit 0
