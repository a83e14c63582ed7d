/** The laptop's IANA zone (recorded with every event beside the site's zone). */
export function laptopZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone === '' || zone === undefined ? 'UTC' : zone;
}
