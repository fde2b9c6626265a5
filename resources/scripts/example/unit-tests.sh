#!/bin/sh
# Runs a few quick checks and writes a JUnit report, the way a real test
# runner would; the determinism gate compares the reports of two attempts.
set -eu
mkdir -p out/junit
pass=0; fail=0; cases=""
check() {
  name=$1; shift
  if "$@" >/dev/null 2>&1; then
    pass=$((pass + 1)); cases="$cases<testcase classname=\"demo\" name=\"$name\"/>"
    printf '  \033[32m✓\033[0m %s\n' "$name"
  else
    fail=$((fail + 1)); cases="$cases<testcase classname=\"demo\" name=\"$name\"><failure message=\"failed\"/></testcase>"
    printf '  \033[31m✗\033[0m %s\n' "$name"
  fi
}
echo "running unit tests (attempt ${COCKPIT_ATTEMPT:-1})"
check "arithmetic works" test $((6 * 7)) -eq 42
check "strings compare" test "abc" = "abc"
check "temp dir is writable" sh -c 'f=$(mktemp) && rm "$f"'
check "node is available" node --version
printf '<?xml version="1.0"?>\n<testsuite name="demo" tests="%s" failures="%s">%s</testsuite>\n' \
  $((pass + fail)) "$fail" "$cases" > out/junit/demo.xml
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
