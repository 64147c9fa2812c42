#!/usr/bin/env bash
# Install the Debian packages the project needs, if they are missing: chromium (browser tests, Playwright drives
# Debian's build, never a downloaded one), the Pango libraries WeasyPrint renders PDFs with, and PostgreSQL.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# PostgreSQL server binaries for the decision-record tests against a real server (tests/service/test_postgres.py
# starts a throwaway cluster with initdb/pg_ctl). Debian installs them under /usr/lib/postgresql/<version>/bin.
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi
echo "installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
