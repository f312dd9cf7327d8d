/** Lookups inside card JSON 2.0 (find a button by its text, list callback values). */

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A component found in a card, with the form it sits in (if any). */
export interface FoundComponent {
  element: Json;
  form?: Json;
}

/** Walks all components of a card body (depth first), with their enclosing form. */
export function walkComponents(card: unknown, visit: (found: FoundComponent) => void): void {
  const walk = (list: unknown, form: Json | undefined) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (!isObj(el)) continue;
      visit({ element: el, form });
      const inner = el.tag === 'form' ? el : form;
      walk(el.elements, inner);
      if (Array.isArray(el.columns)) for (const c of el.columns) if (isObj(c)) walk(c.elements, inner);
    }
  };
  if (isObj(card) && isObj(card.body)) walk(card.body.elements, undefined);
}

/** Finds the first button whose text equals (or, failing that, contains) `text`. */
export function findButton(card: unknown, text: string): FoundComponent | undefined {
  const buttons: FoundComponent[] = [];
  walkComponents(card, (f) => {
    if (f.element.tag === 'button') buttons.push(f);
  });
  const contentOf = (b: FoundComponent) => {
    const t = b.element.text;
    return isObj(t) && typeof t.content === 'string' ? t.content : '';
  };
  return buttons.find((b) => contentOf(b) === text) ?? buttons.find((b) => contentOf(b).includes(text));
}

/** The callback value of a component: its `callback` behavior value, or the legacy top-level `value`. */
export function callbackValue(element: Json): unknown {
  if (Array.isArray(element.behaviors)) {
    const cb = element.behaviors.find((b) => isObj(b) && b.type === 'callback');
    if (isObj(cb)) return cb.value;
  }
  return element.value;
}
