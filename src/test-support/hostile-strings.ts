/**
 * Strings an attacker (or an unlucky keyboard) may type into any field. Each comes with a probe: the part
 * that must still be readable on the page once rendered inert (control characters may be dropped).
 */
export interface HostileString {
  name: string;
  value: string;
  probe: string;
}

const longArabic = 'نطالب ببناء مدرسة جديدة في الحي لأن الأطفال يمشون مسافات طويلة كل يوم '.repeat(60);

export const hostileStrings: HostileString[] = [
  { name: 'script tag', value: '<script>alert("xss-1")</script>', probe: '<script>alert("xss-1")</script>' },
  { name: 'image with an event handler', value: '<img src=x onerror=alert(2)>', probe: '<img src=x onerror=alert(2)>' },
  { name: 'javascript: URL', value: 'javascript:alert(3)', probe: 'javascript:alert(3)' },
  { name: 'Markdown link to javascript:', value: '[cliquez ici](javascript:alert(4)) et [image](data:text/html;base64,PHNjcmlwdD4=)', probe: '[cliquez ici](javascript:alert(4))' },
  { name: 'SVG with onload', value: '<svg onload=alert(5)><circle r=1 /></svg>', probe: '<svg onload=alert(5)>' },
  { name: 'attribute break-out', value: '"><script>alert(6)</script><a href="javascript:alert(7)" onclick=alert(8)>x</a>', probe: '"><script>alert(6)</script>' },
  { name: 'single-quote break-out', value: "'><iframe src=javascript:alert(9)></iframe>", probe: "'><iframe src=javascript:alert(9)>" },
  { name: 'RTL override and isolates', value: 'facture\u202Efdp.exe \u2066isolé\u2069 \u2067عربي\u2069 \u202Bembed\u202C', probe: 'facture\u202Efdp.exe' },
  { name: '3000-character word', value: 'W'.repeat(3000), probe: 'W'.repeat(100) },
  { name: 'NUL and control characters', value: 'avant\u0000après\u0007\u001b[31mrouge\u0008fin', probe: 'rouge' },
  { name: 'very long Arabic text', value: longArabic, probe: 'نطالب ببناء مدرسة جديدة' },
];

/** Bidirectional formatting characters that can reorder the text around them. */
export const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
