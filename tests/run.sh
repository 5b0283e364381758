#!/bin/sh
# Runs every test program given as an argument and prints one closing line,
# "tests: N passed, N failed, N skipped", counting cmocka's per-test results.
# Exits non-zero when any test failed or any program crashed.
pass=0; fail=0; skip=0; crashed=0
out=$(mktemp)
for t in "$@"; do
  CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$out" 2>&1
  rc=$?
  cat "$out"
  p=$(grep -c '^\[       OK \]' "$out")
  # per-test lines only ("[  FAILED  ] name"), not the summary ("[  FAILED  ] 1 test(s)")
  f=$(grep -c '^\[  FAILED  \] [A-Za-z_][A-Za-z_0-9]*$' "$out")
  s=$(grep -c '^\[  SKIPPED \] [A-Za-z_][A-Za-z_0-9]*$' "$out")
  f=$((f / 2)); s=$((s / 2)) # cmocka prints each name twice: when it ends and in the summary
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
  if [ $rc -ne 0 ] && [ $f -eq 0 ]; then
    echo "$t: exited with status $rc"; crashed=$((crashed + 1)); fail=$((fail + 1))
  fi
done
rm -f "$out"
echo "tests: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
