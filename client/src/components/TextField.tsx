import type { Ref } from "preact";

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  type?: "text" | "search" | "date" | "datetime-local" | "number";
  /** Shown under the label, always; read out with the field. */
  hint?: string | undefined;
  /** Shown beside the field; marks it invalid and is read out with it. */
  error?: string | undefined;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  inputMode?: "numeric" | "text";
  min?: string;
  max?: string;
  onInput(value: string, input: HTMLInputElement): void;
  onBlur?(input: HTMLInputElement): void;
}

/** A labelled input with its hint and its error, tied together for assistive technology. */
export function TextField(props: TextFieldProps) {
  const { id, label, hint, error, required } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ");
  return (
    <div class={`field${error ? " field--invalid" : ""}`}>
      <label for={id}>
        {label}
        {required === false && <span class="field__optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        ref={props.inputRef}
        class="input"
        type={props.type ?? "text"}
        value={props.value}
        required={required === true}
        aria-invalid={error ? "true" : "false"}
        aria-describedby={describedBy || undefined}
        inputMode={props.inputMode}
        autoComplete="off"
        min={props.min}
        max={props.max}
        onInput={(event) => props.onInput(event.currentTarget.value, event.currentTarget)}
        onBlur={(event) => props.onBlur?.(event.currentTarget)}
      />
      {error && (
        <p id={errorId} class="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
