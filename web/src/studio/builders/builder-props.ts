// Every builder edits one config item as a controlled value.
export interface BuilderProps<T> {
  value: T;
  onChange: (value: T) => void;
}
