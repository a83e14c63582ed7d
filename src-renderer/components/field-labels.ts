/**
 * The form labels of each document kind's fields, by document field name, in the UI language:
 * one list per kind, read by its form (to name the field a save error is about) and by the merge
 * card of the sync history (to name the field whose value lost a merge). A field without a
 * label is never shown by its internal name.
 */
type Translate = (key: string, params?: Record<string, string | number>) => string;

export type FieldLabelMap = Readonly<Record<string, string>>;

export function customerFieldLabels(t: Translate): FieldLabelMap {
  return {
    name: t('customers.field.name'),
    shortName: t('customers.field.shortName'),
    industry: t('customers.field.industry'),
    notes: t('customers.field.notes'),
    contacts: t('customers.field.contacts'),
    _deleted: t('form.field.deleted'),
  };
}

export function visitFieldLabels(t: Translate): FieldLabelMap {
  return {
    customerId: t('visits.form.customer'),
    siteId: t('visits.form.site'),
    contractId: t('visits.form.contract'),
    purpose: t('visits.form.purpose'),
    summary: t('visits.form.summary'),
    engineers: t('visits.form.engineers'),
    plannedDate: t('visits.form.plannedDate'),
    status: t('form.field.status'),
    checkInAt: t('form.field.checkInAt'),
    checkOutAt: t('form.field.checkOutAt'),
    _deleted: t('form.field.deleted'),
  };
}

export function incidentFieldLabels(t: Translate): FieldLabelMap {
  return {
    customerId: t('incidents.form.customer'),
    siteId: t('incidents.form.site'),
    contractId: t('incidents.form.contract'),
    clusterId: t('incidents.form.cluster'),
    title: t('incidents.form.title.label'),
    description: t('incidents.details.description'),
    impact: t('incidents.details.impact'),
    rootCause: t('incidents.details.rootCause'),
    workaround: t('incidents.details.workaround'),
    assignee: t('incidents.form.assignee'),
    openedAt: t('incidents.form.firstContact'),
    level: t('incidents.form.level'),
    status: t('form.field.status'),
    _deleted: t('form.field.deleted'),
  };
}
