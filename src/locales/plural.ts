/** Picks the CLDR plural form of `count` for `locale` and puts the count, formatted for the locale, where `#` is. */
export function plural(locale: string) {
  const rules = new Intl.PluralRules(locale);
  return (count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string =>
    (forms[rules.select(count)] ?? forms.other).replace('#', count.toLocaleString(locale));
}
