import { noChange } from 'lit';
import { Directive, PartType, directive, type AttributePart, type PartInfo } from 'lit/directive.js';

type Properties = Record<string, string | undefined>;

/**
 * `style=${styleProperties({ 'block-size': '120px', '--_swipe': '-40px' })}`: sets inline styles
 * through the CSSOM only. Lit's styleMap writes a style *attribute* on first render, which a strict
 * Content-Security-Policy (no 'unsafe-inline') blocks; CSSOM writes are always allowed.
 * Property names are CSS names (kebab-case or custom properties).
 */
class StylePropertiesDirective extends Directive {
  #applied = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style')
      throw new Error('styleProperties() belongs in a style attribute binding');
  }

  render(_properties: Properties): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [properties]: [Properties]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#applied) if (properties[name] == null) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) if (value != null) style.setProperty(name, value);
    this.#applied = new Set(Object.keys(properties).filter((name) => properties[name] != null));
    return noChange;
  }
}

export const styleProperties = directive(StylePropertiesDirective);
