/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  /** The event's id, or undefined when it set none. */
  id: string | undefined;
}

/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML, server-sent events):
 * feed it decoded text in chunks of any size; it calls `onEvent` for each complete event and
 * `onRetry` for each valid `retry:` field.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private sawId = false;
  private lastCharWasCR = false;

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    private readonly onRetry: (ms: number) => void = () => {},
    /** Longest line accepted (characters); longer input is cut off and reported. */
    private readonly maxLine = 1_000_000,
    private readonly onOverflow: () => void = () => {},
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (this.lastCharWasCR && text.startsWith('\n')) text = text.slice(1);
    this.lastCharWasCR = text.endsWith('\r');
    this.buffer += text;
    let start = 0;
    // The next CR and LF at or after `start`, each looked for again only once passed: a chunk
    // of many lines without any CR is read in one pass, not once per line.
    let cr = -2;
    let lf = -2;
    for (;;) {
      if (cr !== -1 && cr < start) cr = this.buffer.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = this.buffer.indexOf('\n', start);
      let end: number;
      let next: number;
      if (cr === -1 && lf === -1) break;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else {
        end = lf;
        next = lf + 1;
      }
      this.line(this.buffer.slice(start, end));
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > this.maxLine) {
      this.buffer = '';
      this.data = [];
      this.onOverflow();
    }
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          this.id = value;
          this.sawId = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    if (this.data.length === 0) {
      this.event = '';
      return;
    }
    const event: SseEvent = {
      event: this.event || 'message',
      data: this.data.join('\n'),
      id: this.sawId ? this.id : undefined,
    };
    this.data = [];
    this.event = '';
    this.sawId = false;
    this.onEvent(event);
  }
}
