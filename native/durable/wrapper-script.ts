/**
 * The POSIX sh wrapper a durable attempt runs under, detached from the
 * cockpit (`setsid nohup`), and the launcher that installs and starts it.
 *
 * State directory of one attempt (on its target):
 *   wrapper.sh  command  cwd  env.sh (0600, removed once read)
 *   pid  pgid  started_at      written first, atomically (tmp + mv)
 *   output.log                 header line, then the command's output (pty via script(1) if usable)
 *   metrics.jsonl              COCKPIT_METRICS of remote runs (local runs use the run's own file)
 *   exit_code                  written last, atomically: everything before it is complete
 */
import { dirExpr, shQuote } from '../ssh/shell-quote';

export const WRAPPER = `# Release Cockpit durable wrapper: one gate attempt, detached; state in this directory.
D=$(pwd -P)
echo $$ > pid.tmp && mv pid.tmp pid
pg=$(ps -o pgid= -p $$ 2>/dev/null | tr -d ' ')
echo "\${pg:-$$}" > pgid.tmp && mv pgid.tmp pgid
date +%s > started_at
term=
trap 'term=1' TERM HUP INT
[ -f env.sh ] && . ./env.sh
rm -f env.sh
CMD=$(cat command)
WD=$(cat cwd)
mode=pipes
if command -v script >/dev/null 2>&1; then
  if SHELL=/bin/sh script -qfec 'exit 3' /dev/null </dev/null >/dev/null 2>&1; [ $? -eq 3 ]; then mode=util-linux
  elif script -q /dev/null sh -c 'exit 3' </dev/null >/dev/null 2>&1; [ $? -eq 3 ]; then mode=bsd
  fi
fi
case $mode in
  pipes) how='plain pipes (no usable script(1) on this host)' ;;
  *) how="a pty (script, $mode)" ;;
esac
printf 'cockpit: durable run on %s; output through %s\\r\\n' "$(uname -n)" "$how" > output.log
if cd "$WD" 2>/dev/null; then
  case $mode in
    util-linux) SHELL=/bin/sh script -qfec "$CMD" /dev/null </dev/null >>"$D/output.log" 2>&1 ;;
    bsd) script -q /dev/null sh -c "$CMD" </dev/null >>"$D/output.log" 2>&1 ;;
    *) sh -c "$CMD" </dev/null >>"$D/output.log" 2>&1 ;;
  esac
  code=$?
else
  printf 'cockpit: cannot start: working directory %s does not exist on %s\\r\\n' "$WD" "$(uname -n)" >>"$D/output.log"
  code=127
fi
# script(1) reports 0 when it was told to stop: a stopped run must not look like a pass.
if [ -n "$term" ] && [ "$code" -eq 0 ]; then code=143; fi
echo "$code" > "$D/exit_code.tmp" && mv "$D/exit_code.tmp" "$D/exit_code"
`;

export interface LaunchInput {
  /** The state directory: absolute locally, relative to the home directory on a host. */
  dir: string;
  command: string;
  /** The gate's working directory on the target. */
  cwd: string;
  /** Lines for env.sh (see exportLines); may hold secrets, so it travels on stdin only. */
  envSh: string;
}

/**
 * Read by `sh -s` on the target (on stdin, so neither secrets nor the command
 * show up in any argv). Prints `cockpit-started <abs dir>` once the wrapper
 * has written its pid; an existing pid means it was launched before.
 */
export function launcherScript(l: LaunchInput): string {
  return `set -e
cd
mkdir -p ${dirExpr(l.dir)}
cd ${dirExpr(l.dir)}
if [ -f pid ]; then echo "cockpit-started $(pwd -P)"; exit 0; fi
printf '%s' ${shQuote(WRAPPER)} > wrapper.sh
printf '%s' ${shQuote(l.command)} > command
printf '%s' ${dirExpr(l.cwd)} > cwd
(umask 077; printf '%s' ${shQuote(l.envSh)} > env.sh)
if command -v setsid >/dev/null 2>&1; then
  setsid nohup sh ./wrapper.sh </dev/null >/dev/null 2>&1 &
else
  (set -m; nohup sh ./wrapper.sh </dev/null >/dev/null 2>&1 &)
fi
i=0
while [ ! -f pid ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
[ -f pid ] || { echo "cockpit-failed the wrapper did not start"; exit 1; }
echo "cockpit-started $(pwd -P)"
`;
}
