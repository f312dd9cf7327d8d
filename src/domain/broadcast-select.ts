/**
 * Which item a schedule sends at one occurrence (pure). Rotation goes through the items of a
 * tag (the whole library without one) in id order and repeats none until all were sent; then a
 * new cycle starts. On an anniversary, an item tagged for it wins; during a theme period
 * (e.g. a 主题年), unsent items with the theme tag come first.
 */

import { anniversaryOn } from './broadcast-timing.js';
import type { ContentItem } from './content-items.js';

/** How a schedule chooses: rotate through a tag ('' = everything), or always one item. */
export type Selection = { kind: 'rotate'; tag: string } | { kind: 'fixed'; itemId: string };

/** A theme period: prefer `tag` from `from` to `to` (day keys, inclusive). */
export interface ThemePeriod {
  tag: string;
  from: string;
  to: string;
}

/** The choice for one occurrence. */
export interface Pick {
  item: ContentItem;
  /** Why it was chosen. */
  reason: 'fixed' | 'anniversary' | 'theme' | 'rotation';
  /** The rotation memory after this send. */
  sent: string[];
}

/** Chooses the item for an occurrence on `day` (a day key); undefined when nothing fits. */
export function pickItem(
  library: readonly ContentItem[],
  schedule: { selection: Selection; sent: readonly string[]; theme: ThemePeriod | null },
  day: string,
): Pick | undefined {
  const live = library.filter((i) => !i.removed);
  const sel = schedule.selection;
  if (sel.kind === 'fixed') {
    const item = live.find((i) => i.id === sel.itemId);
    return item ? { item, reason: 'fixed', sent: [...schedule.sent] } : undefined;
  }
  const pool = sel.tag ? live.filter((i) => i.tags.includes(sel.tag)) : live;
  const sent = new Set(schedule.sent.filter((id) => pool.some((i) => i.id === id)));
  let remaining = pool.filter((i) => !sent.has(i.id));
  if (remaining.length === 0) {
    sent.clear();
    remaining = pool;
  }
  const remember = (item: ContentItem) =>
    pool.some((i) => i.id === item.id) ? [...sent, item.id] : [...sent];
  const anniversary = anniversaryOn(day);
  if (anniversary) {
    const matching = live.filter((i) => i.tags.includes(anniversary.tag));
    const item = matching.find((i) => !sent.has(i.id)) ?? matching[0];
    if (item) return { item, reason: 'anniversary', sent: remember(item) };
  }
  const theme = schedule.theme;
  if (theme && theme.from <= day && day <= theme.to) {
    const item = remaining.find((i) => i.tags.includes(theme.tag));
    if (item) return { item, reason: 'theme', sent: remember(item) };
  }
  const item = remaining[0];
  return item ? { item, reason: 'rotation', sent: remember(item) } : undefined;
}
