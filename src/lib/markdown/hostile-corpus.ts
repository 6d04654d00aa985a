/**
 * Hostile inputs for the markdown renderer: raw HTML, script-capable URLs, media that would
 * phone home, DOM clobbering and invisible-character tricks. Shared with end-to-end tests.
 */

/** One hostile input. */
export interface HostilePayload {
  name: string;
  payload: string;
}

const ZWSP = '\u200B';
const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';

/** Every payload must render without script-capable markup, network-loading elements or unsafe attributes. */
export const HOSTILE_CORPUS: readonly HostilePayload[] = [
  // Raw HTML elements
  { name: 'script tag', payload: '<script>alert(1)</script>' },
  { name: 'script tag inline', payload: 'hello <script>alert(1)</script> world' },
  { name: 'script with src', payload: '<script src="https://evil.example/x.js"></script>' },
  { name: 'img onerror', payload: '<img src=x onerror=alert(1)>' },
  { name: 'img srcset', payload: '<img srcset="https://evil.example/a.png 1x" alt=a>' },
  { name: 'svg onload', payload: '<svg onload=alert(1)>' },
  { name: 'svg use href', payload: '<svg><use href="data:image/svg+xml,<svg id=x/>#x"/></svg>' },
  {
    name: 'svg animate',
    payload:
      '<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>',
  },
  { name: 'iframe', payload: '<iframe src="https://evil.example"></iframe>' },
  { name: 'iframe srcdoc', payload: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'object', payload: '<object data="https://evil.example/x.swf"></object>' },
  { name: 'embed', payload: '<embed src="https://evil.example/x.swf">' },
  { name: 'style tag', payload: '<style>body{background:url(https://evil.example/t)}</style>' },
  { name: 'link stylesheet', payload: '<link rel=stylesheet href="https://evil.example/x.css">' },
  {
    name: 'meta refresh',
    payload: '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  },
  { name: 'base href', payload: '<base href="https://evil.example/">[x](/relative)' },
  {
    name: 'form action',
    payload: '<form action="https://evil.example"><button>go</button></form>',
  },
  { name: 'input autofocus onfocus', payload: '<input autofocus onfocus=alert(1)>' },
  {
    name: 'details ontoggle',
    payload: '<details open ontoggle=alert(1)><summary>x</summary></details>',
  },
  { name: 'math xlink', payload: '<math><mi xlink:href="javascript:alert(1)">x</mi></math>' },
  {
    name: 'math mtext mglyph',
    payload: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  },
  {
    name: 'video poster',
    payload: '<video poster="https://evil.example/p.png"><source src=x onerror=alert(1)></video>',
  },
  { name: 'audio src', payload: '<audio src="https://evil.example/a.mp3" autoplay></audio>' },
  {
    name: 'style attribute background',
    payload: '<div style="background:url(https://evil.example/t)">x</div>',
  },
  {
    name: 'xss behavior style',
    payload: '<xss style="behavior:url(https://evil.example/x.htc)">x</xss>',
  },
  { name: 'div id clobbering', payload: '<div id="__proto__">x</div><form name=location></form>' },
  { name: 'anchor name clobbering', payload: '<a name="getElementById" id="cookie">x</a>' },
  { name: 'body onload', payload: '<body onload=alert(1)>' },
  { name: 'marquee onstart', payload: '<marquee onstart=alert(1)>x</marquee>' },
  { name: 'isindex', payload: '<isindex type=image src=1 onerror=alert(1)>' },
  {
    name: 'noscript breakout',
    payload: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  },
  { name: 'template', payload: '<template><script>alert(1)</script></template>' },
  { name: 'plaintext', payload: '<plaintext><script>alert(1)</script>' },
  { name: 'html comment trick', payload: '<!--><img src=x onerror=alert(1)>-->' },
  {
    name: 'comment in attribute',
    payload: '<a title="<!--" href="x">--><img src=x onerror=alert(1)>',
  },
  { name: 'raw a javascript', payload: '<a href="javascript:alert(1)">x</a>' },
  {
    name: 'raw a data',
    payload: '<a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>x</a>',
  },
  { name: 'raw a spaced javascript', payload: '<a href="  javascript:alert(1)">x</a>' },
  { name: 'raw a entity javascript', payload: '<a href="&#106;avascript:alert(1)">x</a>' },
  { name: 'raw a onclick', payload: '<a href="https://ok.example" onclick="alert(1)">x</a>' },
  { name: 'button formaction', payload: '<button formaction=javascript:alert(1)>x</button>' },
  { name: 'textarea breakout', payload: '<textarea></textarea><img src=x onerror=alert(1)>' },
  { name: 'select onfocus', payload: '<select autofocus onfocus=alert(1)></select>' },
  { name: 'mixed case tags', payload: '<ScRiPt>alert(1)</sCrIpT><IMG SRC=x OnErRoR=alert(1)>' },
  {
    name: 'null byte in tag',
    payload: '<scr\u0000ipt>alert(1)</script><img\u0000 src=x onerror=alert(1)>',
  },
  { name: 'html block in list', payload: '- item\n\n  <img src=x onerror=alert(1)>\n' },
  { name: 'html inside table', payload: '| a |\n|---|\n| <img src=x onerror=alert(1)> |' },
  { name: 'html inside heading', payload: '# <svg onload=alert(1)> title' },
  // Markdown links and images
  { name: 'md link javascript', payload: '[x](javascript:alert(1))' },
  { name: 'md link mixed case javascript', payload: '[x](JaVaScRiPt:alert(1))' },
  { name: 'md link data html', payload: '[x](data:text/html,<script>alert(1)</script>)' },
  {
    name: 'md link data base64',
    payload: '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  },
  { name: 'md link vbscript', payload: '[x](vbscript:msgbox(1))' },
  { name: 'md link file', payload: '[x](file:///etc/passwd)' },
  { name: 'md link entity javascript', payload: '[x](&#106;avascript:alert(1))' },
  { name: 'md link hex entity javascript', payload: '[x](&#x6A;avascript&#x3A;alert(1))' },
  { name: 'md link named entity colon', payload: '[x](javascript&colon;alert(1))' },
  { name: 'md link tab in scheme', payload: '[x](<java\tscript:alert(1)>)' },
  { name: 'md link newline in scheme', payload: '[x](<java\nscript:alert(1)>)' },
  { name: 'md link leading spaces', payload: '[x](<   javascript:alert(1)>)' },
  { name: 'md link zero width in scheme', payload: `[x](java${ZWSP}script:alert(1))` },
  { name: 'md link zero width in url', payload: `[x](https://ex${ZWSP}ample.com/a)` },
  { name: 'md link bidi in url', payload: `[x](https://example.com/${RLO}gpj.exe)` },
  { name: 'md link relative', payload: '[x](/admin) [y](#top) [z](//evil.example/x)' },
  {
    name: 'md link title breakout',
    payload: '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
  },
  { name: 'md link url quote breakout', payload: '[x](https://ok.example/"onmouseover="alert(1))' },
  { name: 'md reference link javascript', payload: '[x][evil]\n\n[evil]: javascript:alert(1)' },
  { name: 'md reference image tracker', payload: '![x][t]\n\n[t]: https://evil.example/track.png' },
  { name: 'md autolink javascript', payload: '<javascript:alert(1)>' },
  { name: 'md autolink data', payload: '<data:text/html,<script>alert(1)</script>>' },
  { name: 'md autolink vbscript', payload: '<vbscript:msgbox(1)>' },
  { name: 'md image tracker', payload: '![x](https://evil.example/track.png)' },
  { name: 'md image javascript', payload: '![x](javascript:alert(1))' },
  { name: 'md image data svg', payload: '![x](data:image/svg+xml,<svg onload=alert(1)>)' },
  { name: 'md image alt breakout', payload: '![x" onerror="alert(1)](https://evil.example/a.png)' },
  { name: 'md image in link', payload: '[![x](https://evil.example/a.png)](javascript:alert(1))' },
  {
    name: 'md link in code fence stays code',
    payload: '```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```',
  },
  { name: 'code fence language injection', payload: '```js" onmouseover="alert(1)\ncode\n```' },
  { name: 'code fence language with tags', payload: '```<img/src=x/onerror=alert(1)>\ncode\n```' },
  { name: 'codespan html', payload: '`<img src=x onerror=alert(1)>`' },
  { name: 'task list input', payload: '- [x] done\n- [ ] todo' },
  // Text tricks
  {
    name: 'bidi override text',
    payload: `Click ${RLO}exe.gnp${LRI} here${PDI} [link](https://ok.example/${RLO}x)`,
  },
  { name: 'heading id clobbering', payload: '# location\n## document\n### cookie' },
  { name: 'markdown in html attribute', payload: '<a href="[x](javascript:alert(1))">y</a>' },
  {
    name: 'nested quote html',
    payload: '> <img src=x onerror=alert(1)>\n> > <script>alert(1)</script>',
  },
  {
    name: 'deep nesting with payload',
    payload: `${'>'.repeat(5000)} <img src=x onerror=alert(1)>`,
  },
];
