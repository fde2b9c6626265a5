/**
 * The POSIX sh wrapper a durable attempt runs under, detached from the
 * cockpit (`setsid nohup`), and the launcher that installs and starts it.
 *
 * State directory of one attempt (on its target), 0700, every file 0600:
 *   wrapper.sh  command  cwd  umask  mask.pl (the secret masker)
 *   env.sh  mask               on a host only: the gate's environment and the secrets it
 *                              declares (hex), read and removed first; on this machine both
 *                              come through the environment and never touch the disk
 *   pid  pgid  started_at      written first, atomically (tmp + mv)
 *   output.log                 header line, then the command's output (pty via script(1) if usable),
 *                              every secret the run knows already masked
 *   metrics.jsonl              COCKPIT_METRICS of remote runs (local runs use the run's own file)
 *   exit_code                  written last, atomically: everything before it is complete
 * The cockpit removes the directory once the attempt is stored. The wrapper's
 * own variables are `__c_*`: env.sh (the gate's environment) is sourced into
 * the same shell, and a user's `D` or `code` must neither steer nor be changed.
 */
import { dirExpr, shQuote } from '../ssh/shell-quote';

export const WRAPPER = `# Release Cockpit durable wrapper: one gate attempt, detached; state in this directory (private: 0700/0600).
__c_d=$(pwd -P)
# The secrets to mask: in the environment on this machine, in a file on a host; kept in a shell variable only.
__c_mask=
if [ -n "\${COCKPIT_MASK_HEX:-}" ]; then __c_mask=$COCKPIT_MASK_HEX; fi
unset COCKPIT_MASK_HEX
if [ -f mask ]; then __c_mask=$(cat mask); rm -f mask; fi
[ -f env.sh ] && . ./env.sh
rm -f env.sh
__c_u=$(cat umask 2>/dev/null || umask)
umask 077
echo $$ > pid.tmp && mv pid.tmp pid
__c_pg=$(ps -o pgid= -p $$ 2>/dev/null | tr -d ' ')
echo "\${__c_pg:-$$}" > pgid.tmp && mv pgid.tmp pgid
date +%s > started_at
__c_term=
trap '__c_term=1' TERM HUP INT
__c_cmd=$(cat command)
__c_wd=$(cat cwd)
__c_mode=pipes
if command -v script >/dev/null 2>&1; then
  if SHELL=/bin/sh script -qfec 'exit 3' /dev/null </dev/null >/dev/null 2>&1; [ $? -eq 3 ]; then __c_mode=util-linux
  elif script -q /dev/null sh -c 'exit 3' </dev/null >/dev/null 2>&1; [ $? -eq 3 ]; then __c_mode=bsd
  fi
fi
case $__c_mode in
  pipes) __c_how='plain pipes (no usable script(1) on this host)' ;;
  *) __c_how="a pty (script, $__c_mode)" ;;
esac
printf 'cockpit: durable run on %s; output through %s\\r\\n' "$(uname -n)" "$__c_how" > output.log
# Secrets are masked before a byte reaches output.log: through mask.pl when the run knows any.
__c_masked=
__c_code=
if [ -n "$__c_mask" ]; then
  if command -v perl >/dev/null 2>&1; then __c_masked=1
  else
    printf 'cockpit: cannot start: this run has secrets to mask and %s has no perl on PATH\\r\\n' "$(uname -n)" >> output.log
    __c_code=127
  fi
fi
run_cmd() {
  umask "$__c_u"
  case $__c_mode in
    util-linux) SHELL=/bin/sh script -qfec "$__c_cmd" /dev/null </dev/null 2>&1 ;;
    bsd) script -q /dev/null sh -c "$__c_cmd" </dev/null 2>&1 ;;
    *) sh -c "$__c_cmd" </dev/null 2>&1 ;;
  esac
}
if [ -n "\${__c_code:-}" ]; then :
elif cd "$__c_wd" 2>/dev/null; then
  if [ -n "$__c_masked" ]; then
    # The group is a subshell (traps reset): catch TERM again, so that it still records the command's exit code.
    { trap '__c_term=1' TERM HUP INT; run_cmd; __c_rc=$?; umask 077; echo "$__c_rc" > "$__c_d/rc"; } |
      __C_MASK="$__c_mask" perl "$__c_d/mask.pl" >>"$__c_d/output.log"
    __c_code=$(cat "$__c_d/rc" 2>/dev/null || echo 1)
  else
    run_cmd >>"$__c_d/output.log"
    __c_code=$?
  fi
  umask 077
else
  printf 'cockpit: cannot start: working directory %s does not exist on %s\\r\\n' "$__c_wd" "$(uname -n)" >>"$__c_d/output.log"
  __c_code=127
fi
# script(1) reports 0 when it was told to stop: a stopped run must not look like a pass.
if [ -n "$__c_term" ] && [ "$__c_code" -eq 0 ]; then __c_code=143; fi
echo "$__c_code" > "$__c_d/exit_code.tmp" && mv "$__c_d/exit_code.tmp" "$__c_d/exit_code"
`;

/**
 * mask.pl: stdin to stdout, every secret (hex, one per word, in its
 * environment's __C_MASK, which it drops at once) replaced by \`***\`, also across
 * reads. It holds back only a tail that may still become a secret, and
 * ignores TERM so that what the command printed before a cancel still
 * reaches output.log (it ends when the pipe does).
 */
export const MASKER = `use strict; use warnings;
$SIG{TERM} = $SIG{HUP} = $SIG{INT} = 'IGNORE';
my $hex = delete $ENV{__C_MASK} // '';
my @s = sort { length($b) <=> length($a) } grep { length } map { pack('H*', $_) } split(/\\s+/, $hex);
binmode STDIN; binmode STDOUT;
my $re = @s ? join('|', map { quotemeta } @s) : '(?!)';
my $max = @s ? length($s[0]) : 0;
sub out { my $d = shift; my $o = 0; while ($o < length $d) { my $w = syswrite(STDOUT, $d, length($d) - $o, $o); die "cockpit: write: $!\\n" unless defined $w; $o += $w } }
# The first position at or after $p whose tail is a proper prefix of a secret: undecided until more bytes come.
sub undecided {
  my ($d, $p) = @_;
  my $n = length $d;
  my $i = $n - $max + 1; $i = $p if $i < $p;
  for (; $i < $n; $i++) { my $t = substr($d, $i); for my $x (@s) { return $i if length($x) > length($t) && substr($x, 0, length $t) eq $t } }
  return $n;
}
# As a whole-buffer scan from the left, the longest secret at each position, up to what is undecided.
sub mask {
  my ($d, $final) = @_;
  my ($o, $p, $u) = ('', 0, -1);
  for (;;) {
    $u = ($final ? length $d : undecided($d, $p)) if $u < $p;
    pos($d) = $p;
    if ($d =~ /$re/g && $-[0] < $u) { $o .= substr($d, $p, $-[0] - $p) . '***'; $p = $+[0]; next }
    $o .= substr($d, $p, $u - $p) if $u > $p;
    return ($o, substr($d, $u));
  }
}
my $buf = '';
for (;;) {
  my $n = sysread(STDIN, my $chunk, 65536);
  if (!defined $n) { next if $!{EINTR}; last }
  last if $n == 0;
  (my $o, $buf) = mask($buf . $chunk, 0);
  out($o);
}
out((mask($buf, 1))[0]);
`;

export interface LaunchInput {
  /** The state directory: absolute locally, relative to the home directory on a host. */
  dir: string;
  command: string;
  /** The gate's working directory on the target. */
  cwd: string;
  /**
   * On a host: env.sh lines (see exportLines) and the secrets to mask there,
   * both on stdin only, into files the wrapper reads and removes first. On
   * this machine (null): the launcher is started with the gate's environment
   * and COCKPIT_MASK_HEX (maskHex), so nothing secret is written to disk.
   */
  remote: { envSh: string; secrets: readonly string[] } | null;
}

/** Secrets as the wrapper takes them: hex, space-separated. */
export function maskHex(secrets: readonly string[]): string {
  return secrets.filter((x) => x !== '').map((x) => Buffer.from(x, 'utf8').toString('hex')).join(' ');
}

/**
 * Read by `sh -s` on the target (on stdin, so neither secrets nor the command
 * show up in any argv). Prints `cockpit-started <abs dir>` once the wrapper
 * has written its pid; an existing pid means it was launched before.
 */
export function launcherScript(l: LaunchInput): string {
  const hex = l.remote ? maskHex(l.remote.secrets) : '';
  const start = 'sh ./wrapper.sh';
  return `set -e
cd
u=$(umask)
umask 077
mkdir -p ${dirExpr(l.dir)}
cd ${dirExpr(l.dir)}
chmod 700 .
if [ -f pid ]; then echo "cockpit-started $(pwd -P)"; exit 0; fi
printf '%s' "$u" > umask
printf '%s' ${shQuote(WRAPPER)} > wrapper.sh
printf '%s' ${shQuote(l.command)} > command
printf '%s' ${dirExpr(l.cwd)} > cwd
printf '%s' ${shQuote(MASKER)} > mask.pl
${l.remote ? `printf '%s' ${shQuote(l.remote.envSh)} > env.sh` : ''}
${hex ? `printf '%s' ${shQuote(hex)} > mask` : ''}
if command -v setsid >/dev/null 2>&1; then
  setsid nohup ${start} </dev/null >/dev/null 2>&1 &
else
  (set -m; nohup ${start} </dev/null >/dev/null 2>&1 &)
fi
i=0
while [ ! -f pid ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
[ -f pid ] || { echo "cockpit-failed the wrapper did not start"; exit 1; }
echo "cockpit-started $(pwd -P)"
`;
}
