/**
 * React bindings for live RxDB queries. Results are plain JSON copies (`toMutableJSON`), so
 * components never hold RxDocuments and never mutate the store by accident; writes go through
 * the domain operations and `collection.upsert/incrementalPatch`.
 */
import { useEffect, useState } from 'react';
import type { RxCollection, RxDocument, RxQuery } from 'rxdb';
import type { CollectionName, DocByCollection } from '../../src-shared/db/types';
import type { FieldbookDatabase } from './database';
import { useDatabase } from './database-context';

export interface RxQueryState<T> {
  docs: T[];
  loading: boolean;
  error?: Error;
}

type FindQuery<T> = RxQuery<T, RxDocument<T>[]>;
type CountQuery<T> = RxQuery<T, number>;

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

interface Tracked<V> {
  /** The query instance the value belongs to; a stale value is shown as loading. */
  key: object | null;
  value: V;
  error?: Error;
}

/**
 * Subscribes to a live `find` query. `build` returns null to mean "nothing to query yet"
 * (for example no visit selected): then `docs` is empty and `loading` false. `deps` works like
 * useMemo's: the query is rebuilt when one of them changes (lint checks the list at call sites).
 */
export function useRxQuery<T>(
  build: (db: FieldbookDatabase) => FindQuery<T> | null,
  deps: readonly unknown[],
): RxQueryState<T> {
  const db = useDatabase();
  const [query, setQuery] = useState<FindQuery<T> | null>(null);
  const [state, setState] = useState<Tracked<T[]>>({ key: null, value: [] });

  useEffect(() => {
    setQuery(build(db));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps stand for build's inputs; exhaustive-deps checks them at each call site (additionalHooks)
  }, [db, ...deps]);

  useEffect(() => {
    if (query === null) return;
    const sub = query.$.subscribe({
      next: (docs) => setState({ key: query, value: docs.map((d) => d.toMutableJSON()) }),
      error: (err: unknown) => setState({ key: query, value: [], error: asError(err) }),
    });
    return () => sub.unsubscribe();
  }, [query]);

  if (query === null) return { docs: [], loading: false };
  if (state.key !== query) return { docs: [], loading: true };
  return state.error === undefined
    ? { docs: state.value, loading: false }
    : { docs: [], loading: false, error: state.error };
}

export interface RxDocumentState<T> {
  doc: T | null;
  loading: boolean;
  error?: Error;
}

/** One document by primary key, live; `doc` is null when it does not exist (or was deleted). */
export function useRxDocument<K extends CollectionName>(
  collection: K,
  id: string | null | undefined,
): RxDocumentState<DocByCollection[K]> {
  const db = useDatabase();
  const [state, setState] = useState<Tracked<DocByCollection[K] | null> & { id?: string }>({
    key: null,
    value: null,
  });

  useEffect(() => {
    if (id === null || id === undefined || id === '') return;
    const coll = db[collection] as unknown as RxCollection<DocByCollection[K]>;
    const query = coll.findOne(id);
    const key = {};
    const sub = query.$.subscribe({
      next: (doc) => setState({ key, id, value: doc === null ? null : doc.toMutableJSON() }),
      error: (err: unknown) => setState({ key, id, value: null, error: asError(err) }),
    });
    return () => sub.unsubscribe();
  }, [db, collection, id]);

  if (id === null || id === undefined || id === '') return { doc: null, loading: false };
  if (state.id !== id || state.key === null) return { doc: null, loading: true };
  return state.error === undefined
    ? { doc: state.value, loading: false }
    : { doc: null, loading: false, error: state.error };
}

export interface RxCountState {
  count: number;
  loading: boolean;
  error?: Error;
}

/** A live count, e.g. `useCount((db) => db.incidents.count({selector: {status: 'open'}}), [])`. */
export function useCount<T>(
  build: (db: FieldbookDatabase) => CountQuery<T> | null,
  deps: readonly unknown[],
): RxCountState {
  const db = useDatabase();
  const [query, setQuery] = useState<CountQuery<T> | null>(null);
  const [state, setState] = useState<Tracked<number>>({ key: null, value: 0 });

  useEffect(() => {
    setQuery(build(db));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps stand for build's inputs; exhaustive-deps checks them at each call site (additionalHooks)
  }, [db, ...deps]);

  useEffect(() => {
    if (query === null) return;
    const sub = query.$.subscribe({
      next: (count) => setState({ key: query, value: count }),
      error: (err: unknown) => setState({ key: query, value: 0, error: asError(err) }),
    });
    return () => sub.unsubscribe();
  }, [query]);

  if (query === null) return { count: 0, loading: false };
  if (state.key !== query) return { count: 0, loading: true };
  return state.error === undefined
    ? { count: state.value, loading: false }
    : { count: 0, loading: false, error: state.error };
}
