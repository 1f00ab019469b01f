/** A picked file as the API carries it: name plus base64 content (both transports send JSON). */
export interface UploadFile {
  fileName: string;
  contentBase64: string;
}

/** Larger than this is refused before reading: the limit of the API's uploadedFileSchema. */
export { MAX_UPLOAD_BYTES } from '../../../shared/api/instruments';

export function readUpload(file: File): Promise<UploadFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      // A data URL: "data:<mime>;base64,<content>".
      resolve({ fileName: file.name, contentBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  });
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  csv: 'text/csv',
};

/** Saves a file the API produced, through an ordinary download link (works in Electron and the browser). */
export function downloadBase64(fileName: string, contentBase64: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([bytes], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
