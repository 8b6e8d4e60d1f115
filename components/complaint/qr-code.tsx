import QRCode from 'qrcode';

/**
 * A QR code drawn as SVG on the server: no script, no image request, sharp on any printer.
 * The markup is the qrcode package's own output for this value (paths only, no text from outside).
 */
export async function QrCode({ value, label, className = '' }: { value: string; label: string; className?: string }) {
  // The wrapper carries the name; the drawing itself is hidden from screen readers.
  const svg = (await QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).replace('<svg ', '<svg aria-hidden="true" ');
  return <div role="img" aria-label={label} className={`[&>svg]:block [&>svg]:h-full [&>svg]:w-full ${className}`} dangerouslySetInnerHTML={{ __html: svg }} />;
}
