#!/usr/bin/env bash
# Runs every test: HTTP-level tests on SQLite and on PostgreSQL, then the browser journeys.
# As root it first installs what the tests need (Debian chromium, fonts-noto-cjk, postgresql, poppler-utils,
# python3-aiosmtpd), starts a throwaway PostgreSQL and a real SMTP server (aiosmtpd) on 127.0.0.1 and stops them at the end.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The apps the tests start watch no files with inotify (128 instances per user): not their settings files, and the
# web root (asp-append-version watches each stylesheet and script) is polled instead.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)   # reading back the PDF reports
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)              # ical.js reads the iCalendar feeds
# A real SMTP server for the mail test. Debian's own python3: a pyenv python first on PATH cannot see Debian's packages.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then echo "Missing: ${need[*]} (run as root to install them)" >&2; exit 1; fi
  echo "Installing ${need[*]} ..."
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo "$1"; }

# A throwaway PostgreSQL: its own data folder under /tmp, a free loopback port, no fsync.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_data=$(mktemp -d /tmp/tsunagu-pg.XXXXXX)
pg_port=$(free_port 55432)
mail_dir=$(mktemp -d /tmp/tsunagu-mail.XXXXXX)
smtp_pid=
as_pg=()
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$pg_data"; as_pg=(runuser -u postgres --); fi
stop_servers() {
  if [[ -n $smtp_pid ]]; then kill "$smtp_pid" 2>/dev/null || true; wait "$smtp_pid" 2>/dev/null || true; fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_data" "$mail_dir"
}
trap stop_servers EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/log" -w \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
echo "PostgreSQL on 127.0.0.1:$pg_port"

# A real SMTP server (aiosmtpd, SMTPUTF8 offered) that writes each message it accepts to a Maildir; the mail test
# delivers to it and reads the file back (tests/Tsunagu.Web.Tests/Email/RealSmtpServerTests.cs).
smtp_port=$(free_port 58025)
/usr/bin/python3 -m aiosmtpd -n -u -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$mail_dir/Maildir" >"$mail_dir/log" 2>&1 &
smtp_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break; sleep 0.2; done
(exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null || { echo "aiosmtpd did not start:" >&2; cat "$mail_dir/log" >&2; exit 1; }
export TSUNAGU_TEST_SMTP="127.0.0.1:$smtp_port" TSUNAGU_TEST_MAILDIR="$mail_dir/Maildir"
echo "SMTP (aiosmtpd) on $TSUNAGU_TEST_SMTP"

# Every package exactly as in the packages.lock.json files: a restore that would change one fails.
dotnet restore Tsunagu.slnx --locked-mode
dotnet build Tsunagu.slnx -c Release -nologo -clp:ErrorsOnly --no-restore
# The layout rules of .editorconfig hold everywhere (analyzers already failed the build above as errors).
dotnet format Tsunagu.slnx --no-restore --verify-no-changes
# ical.js, the standard iCalendar parser the feed tests read the events feed with (pinned in package-lock.json).
npm ci --prefix tests/ical-check --no-audit --no-fund --loglevel=error
# Redocly CLI, which lints the OpenAPI document with its recommended rules (pinned in package-lock.json).
npm ci --prefix tests/openapi-lint --no-audit --no-fund --loglevel=error

results=$(mktemp -d /tmp/tsunagu-results.XXXXXX)
status=0
run() { # name, project, env... (the output goes to $results/name.log, printed when the run ends)
  local name=$1 project=$2; shift 2
  env "$@" dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    >"$results/$name.log" 2>&1
}
show() { echo "== $1"; cat "$results/$1.log"; }
# The HTTP tests of the two databases run side by side, then the browser journeys (which start their own server).
run sqlite tests/Tsunagu.Web.Tests TSUNAGU_TEST_DATABASE=Sqlite & sqlite_pid=$!
run postgres tests/Tsunagu.Web.Tests TSUNAGU_TEST_DATABASE=Postgres \
  "TSUNAGU_TEST_POSTGRES=Host=127.0.0.1;Port=$pg_port;Username=postgres;Include Error Detail=true" & postgres_pid=$!
wait "$sqlite_pid" || status=1; show sqlite
wait "$postgres_pid" || status=1; show postgres
run e2e tests/Tsunagu.Web.EndToEndTests TSUNAGU_TEST_DATABASE=Sqlite || status=1; show e2e

# One closing line over all runs, counted from the result files.
python3 - "$results" <<'PY' || true
import glob, re, sys
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    m = re.search(r'<Counters [^>]*', open(f, encoding="utf-8").read())
    if not m: continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)); skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
