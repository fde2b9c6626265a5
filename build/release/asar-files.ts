/** The files an app.asar holds, packed or unpacked (`app.asar.unpacked`), as relative `/` paths, sorted. */
import { getRawHeader } from '@electron/asar';

interface Node {
  files?: Record<string, Node>;
  unpacked?: boolean;
  executable?: boolean;
  link?: string;
}

export interface AsarFile {
  path: string;
  unpacked: boolean;
  executable: boolean;
}

export function asarFiles(asar: string): AsarFile[] {
  const out: AsarFile[] = [];
  const walk = (node: Node, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else if (!child.link) out.push({ path, unpacked: child.unpacked === true, executable: child.executable === true });
    }
  };
  walk(getRawHeader(asar).header as Node, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
