/**
 * A criterion of a designation already held that today's figures do not meet: the law has no
 * de-designation (the tests apply when a city is designated), so it is shown for reference, with
 * a neutral mark, never as "✗ fail" (issue 14 item 4). JSON keeps the status (contract §7).
 */
export const HELD_BELOW = { mark: '·', ja: '現在は下回る（参考）', en: 'below today (for reference)' } as const;
