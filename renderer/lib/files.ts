/** Files in and out of the page: picked or dropped files as base64 for uploads, and downloads. */
import { base64ToBytes } from './bytes';
import { downloadBytes } from '../terminal/log-slices';

/** A picked file's bytes as base64 (what upload channels take). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function downloadBase64(fileName: string, base64: string): void {
  downloadBytes(fileName, base64ToBytes(base64));
}

export function downloadText(fileName: string, text: string): void {
  downloadBytes(fileName, new TextEncoder().encode(text));
}

export const MIB = 1024 * 1024;
