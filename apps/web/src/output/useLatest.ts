import { useRef } from "react";

/** A ref holding the latest value: an effect reads it without re-running each time it changes. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
