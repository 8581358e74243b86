import type { XmlElement } from '../../model/xml.js';

/** The first child element of that local name (namespace prefixes ignored: EDGAR writes `ns1:`, `n1:` or none). */
export function childElement(element: XmlElement | null | undefined, localName: string): XmlElement | null {
  if (!element) return null;
  for (const child of element.children) if (child.localName === localName) return child;
  return null;
}

/** Every child element of that local name, in order. */
export function childElements(element: XmlElement | null | undefined, localName: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter((child) => child.localName === localName);
}

/** The element reached by a path of local names: `pathElement(root, 'formData', 'coverPage')`. */
export function pathElement(element: XmlElement | null | undefined, ...names: readonly string[]): XmlElement | null {
  let at: XmlElement | null = element ?? null;
  for (const name of names) {
    at = childElement(at, name);
    if (!at) return null;
  }
  return at;
}

/** The value of an attribute by local name, or null. */
export function attributeValue(element: XmlElement | null | undefined, localName: string): string | null {
  if (!element) return null;
  for (const attribute of element.attributes) if (attribute.localName === localName) return attribute.value;
  return null;
}
