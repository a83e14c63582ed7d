// Early placeholder so the router can be wired; replaced by the real screen in the next commits.
export function IncidentsPage() {
  return <section data-testid="IncidentsPage" />;
}
