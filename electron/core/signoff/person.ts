/**
 * Who a signer name stands for. Two names are one person when they look the
 * same: `Rui QA`, `Rui\u200bQA`, `ｒｕｉ ｑａ` and `rui  qa` all are. The key is
 * the name after Unicode NFKC, with format and other default-ignorable
 * characters (zero-width space, joiners, bidi marks, soft hyphen) and every
 * kind of white space removed, lower-cased. Quorum, separation of duties and
 * supersession compare these keys, and a plan whose different names share a
 * key is refused, so a look-alike can never pass as a second person.
 *
 * Not covered: letters of other scripts that merely resemble Latin ones
 * (Cyrillic `а` for `a`); NFKC does not fold them. The plan's names are
 * reviewed by people, and the key, not the name, is what a signature binds.
 */

/** Also the blanks that are neither (U+2800 Braille pattern blank looks like a space). */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{White_Space}\u2800]/gu;

export function personKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
}

/** Whether two names stand for the same person. */
export function samePerson(a: string, b: string): boolean {
  return personKey(a) === personKey(b);
}

/** The name with every invisible or look-alike space character spelled out (`Rui\u200bQA`), for messages. */
export function visibleName(name: string): string {
  return name.replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}\p{White_Space}\u2800]/gu, (c) =>
    c === ' ' ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
