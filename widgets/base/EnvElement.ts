import { LitElement } from 'lit';
import { excerpt } from '../../src/index.js';
import type { EnvErrorDetail, EnvEventMap } from './events.js';
import { safeUrl } from './fetch-text.js';

/** Base of every envmap element: typed `emit()` and uniform error reporting. */
export class EnvElement extends LitElement {
  /** Dispatches a bubbling, composed `env-*` event with a typed detail. */
  emit<K extends keyof EnvEventMap>(
    name: K,
    detail: EnvEventMap[K],
    options: { cancelable?: boolean } = {},
  ): CustomEvent<EnvEventMap[K]> {
    const event = new CustomEvent(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
    });
    this.dispatchEvent(event);
    return event;
  }

  /**
   * Reports a problem: a console warning naming the element and what was wrong, and an
   * `env-error` event. Never throws.
   */
  protected reportError(detail: Omit<EnvErrorDetail, 'source'>): void {
    const full: EnvErrorDetail = {
      source: this.localName,
      ...detail,
      ...(detail.value !== undefined ? { value: excerpt(detail.value) } : {}),
    };
    console.warn(`<${full.source}> ${full.message}`);
    this.emit('env-error', full);
  }

  /** The URL an attribute holds, or null (reported as a bad attribute) unless http(s) or relative. */
  protected urlAttribute(attribute: string, value: string): URL | null {
    const url = safeUrl(value);
    if (!url)
      this.reportError({
        code: 'attribute',
        attribute,
        value,
        message: `${attribute} must be an http(s) or relative URL: "${value}"`,
      });
    return url;
  }
}
