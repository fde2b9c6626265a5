/**
 * Scripts run on a durable (or ssh) attempt's target through a ShellTransport:
 * the follower that streams the state directory by byte offset, and the
 * cancel that kills the wrapper's process group and every descendant.
 */

/**
 * `sh -c FOLLOW sh DIR LOG_OFFSET METRICS_OFFSET WANT_LOG WAIT` prints frames (WAIT=1: a missing
 * directory or pid file means "not started yet", not "gone"):
 *   `O <offset> <n>\n` + n bytes of output.log     `M <offset> <n>\n` + n bytes of metrics.jsonl
 *   `X <code>\n` the exit code, once everything before it was sent
 *   `D\n` the process is gone without an exit code   `H\n` heartbeat (idle)   `E <text>\n` no state dir
 * "Finished" is read before the sizes, and the exit code is written after the output is complete,
 * so a pass that sends nothing after seeing it has sent everything.
 */
export const FOLLOW = `cd 2>/dev/null
until cd "$1" 2>/dev/null; do
  [ "$5" = 1 ] || { echo "E no run directory $1 on $(uname -n)"; exit 0; }
  echo H || exit 0; sleep 0.5
done
lo=$2; mo=$3; wl=$4; wp=$5; idle=0; waited=0
sz() { if [ -f "$1" ]; then echo $(( $(wc -c < "$1") )); else echo 0; fi; }
while :; do
  fin=0; [ -f exit_code ] && fin=1
  dead=0
  if [ $fin = 0 ]; then
    p=$(cat pid 2>/dev/null)
    if [ -z "$p" ]; then [ "$wp" = 1 ] || dead=1
    elif ! kill -0 "$p" 2>/dev/null; then dead=1; fi
  fi
  moved=0
  if [ "$wl" = 1 ]; then
    s=$(sz output.log)
    if [ "$s" -gt "$lo" ]; then
      n=$((s-lo)); [ $n -gt 4194304 ] && n=4194304
      echo "O $lo $n"; tail -c +$((lo+1)) output.log | head -c $n; lo=$((lo+n)); moved=1
    fi
  fi
  s=$(sz metrics.jsonl)
  if [ "$s" -gt "$mo" ]; then
    n=$((s-mo)); [ $n -gt 4194304 ] && n=4194304
    echo "M $mo $n"; tail -c +$((mo+1)) metrics.jsonl | head -c $n; mo=$((mo+n)); moved=1
  fi
  if [ $moved = 1 ]; then idle=0; continue; fi
  if [ $fin = 1 ]; then echo "X $(cat exit_code)"; exit 0; fi
  if [ $dead = 1 ]; then [ -f exit_code ] && continue; echo D; exit 0; fi
  idle=$((idle+1))
  if [ $idle -ge 10 ]; then echo H || exit 0; idle=0; fi
  sleep 0.2
done
`;

/**
 * `sh -c CANCEL sh DIR GRACE_SECONDS`: TERM to the wrapper's process group and
 * to every descendant (script(1) moves the command into its own session, out
 * of the group), wait up to the grace period, then KILL what is left.
 * Prints `gone` or `killed`; `none` when nothing was running.
 */
export const CANCEL = `cd 2>/dev/null
cd "$1" 2>/dev/null || { echo none; exit 0; }
g=$2
pg=$(cat pgid 2>/dev/null)
[ -n "$pg" ] || { echo none; exit 0; }
tree() {
  ps -eo pid=,ppid=,pgid= 2>/dev/null | awk -v r="$pg" '
    { par[$1] = $2; if ($3 == r) s[$1] = 1 }
    END { s[r] = 1; do { c = 0; for (k in par) if (!(k in s) && (par[k] in s)) { s[k] = 1; c = 1 } } while (c)
          for (k in s) if (k != r || (r in par)) print k }'
}
alive() { for p in $1; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
list=$(tree)
alive "$list" || { echo none; exit 0; }
kill -TERM -- "-$pg" 2>/dev/null
kill -TERM $list 2>/dev/null
i=0
while [ $i -lt $((g * 5)) ]; do alive "$list" || { echo gone; exit 0; }; sleep 0.2; i=$((i+1)); done
list="$list $(tree)"
kill -KILL -- "-$pg" 2>/dev/null
kill -KILL $list 2>/dev/null
echo killed
`;

/**
 * `sh -c REMOVE_STATE_DIR sh DIR`: removes an attempt's state directory once
 * the attempt is stored, then its parents up to the runs root while empty.
 */
export const REMOVE_STATE_DIR = `cd 2>/dev/null
rm -rf -- "$1" || exit 1
d=$(dirname -- "$1")
while [ "$d" != . ] && [ "$d" != / ] && [ "\${d##*/}" != runs ] && rmdir -- "$d" 2>/dev/null; do d=$(dirname -- "$d"); done
exit 0
`;
