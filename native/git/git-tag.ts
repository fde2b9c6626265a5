/**
 * The ceremony's git tag: an annotated tag in the plan's repo. Runs the
 * system `git` with an argument list (no shell), and refuses rather than
 * replaces: an existing tag is never moved.
 */
import { execFileSync } from 'node:child_process';
import { helperEnv } from '../exec/helper-env';

export class GitError extends Error {}

function git(repo: string, args: string[], env: NodeJS.ProcessEnv = helperEnv()): string {
  try {
    return execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH)');
    throw new GitError((e.stderr ?? (err as Error).message).trim().split('\n')[0]);
  }
}

/** Why `tag` cannot be created in `repo`, or null when it can. */
export function tagProblem(repo: string, tag: string): string | null {
  try {
    if (git(repo, ['rev-parse', '--is-inside-work-tree']) !== 'true') return `${repo} is not a git work tree`;
  } catch {
    return `${repo} is not a git repository (the plan's "repo")`;
  }
  try {
    git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    return `${repo} has no commit to tag yet`;
  }
  try {
    git(repo, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`]);
    return `tag "${tag}" already exists in ${repo}; a release candidate is tagged once`;
  } catch {
    return null;
  }
}

/** Creates the annotated tag on HEAD; returns the tagged commit. */
export function createTag(repo: string, tag: string, message: string, fallbackIdentity: { name: string; email: string }): string {
  const env = helperEnv();
  try {
    git(repo, ['var', 'GIT_COMMITTER_IDENT']);
  } catch {
    // No identity configured: tag as the release manager rather than fail the ceremony.
    env.GIT_COMMITTER_NAME = fallbackIdentity.name;
    env.GIT_COMMITTER_EMAIL = fallbackIdentity.email;
  }
  git(repo, ['tag', '-a', '-m', message, tag, 'HEAD'], env);
  return git(repo, ['rev-parse', `refs/tags/${tag}^{commit}`]);
}
