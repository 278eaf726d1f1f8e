import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), which a strict
 * Content-Security-Policy (`style-src 'self'`) allows, unlike a `style="..."` attribute.
 * Use in element position: `<span ${styleProps({ background: color })}>`.
 */
class StylePropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps() belongs in element position');
  }

  render(_props: Readonly<Record<string, string | undefined>>) {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string | undefined>>]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) {
      if (props[name] === undefined) style.removeProperty(name);
    }
    this.previous.clear();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
