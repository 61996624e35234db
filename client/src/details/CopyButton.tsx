import { useEffect, useState } from "preact/hooks";

export interface CopyButtonProps {
  value: string;
  /** What is copied, for the button's accessible name: "Copy Date UUID". */
  label: string;
}

/** How long "Copied" stays before the button reads "Copy" again. */
const SAID_FOR_MS = 2_000;

/** Copies one value to the clipboard and says so (out loud too); says how to copy by hand when the browser will not. */
export function CopyButton({ value, label }: CopyButtonProps) {
  const [said, setSaid] = useState<string>();
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(undefined), SAID_FOR_MS);
    return () => clearTimeout(timer);
  }, [said]);
  return (
    <span class="copy">
      <button
        type="button"
        class="button button--small"
        onClick={() =>
          // Outside a secure context there is no navigator.clipboard at all: that is a refusal too.
          Promise.resolve(value)
            .then((text) => navigator.clipboard.writeText(text))
            .then(
              () => setSaid("Copied"),
              () => setSaid("Not copied: select it and press Ctrl+C"),
            )
        }
      >
        Copy<span class="visually-hidden"> {label}</span>
      </button>
      <span class="copy__said" role="status">
        {said}
      </span>
    </span>
  );
}
