import { useEffect, useState } from "react";

// Phone numbers are stored E.164 ("+12025550143") and shown as people read them
// ("+1 202 555 0143"). The formatter (libphonenumber-js and its metadata) loads on first use,
// so lists don't carry it on first paint; until then the stored form shows.
let formatter: Promise<(value: string) => string> | undefined;
const loadFormatter = () => (formatter ??= import("@shared/records/phone-values").then((m) => m.formatPhone));

export function PhoneText({ value }: { value: string }) {
  const [text, setText] = useState(value);
  useEffect(() => {
    let live = true;
    setText(value);
    void loadFormatter().then((format) => live && setText(format(value)));
    return () => {
      live = false;
    };
  }, [value]);
  return <>{text}</>;
}
