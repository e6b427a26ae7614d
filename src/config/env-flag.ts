/** `1/true/yes/on` → true, anything else set → false, unset or blank → undefined (not given). */
export function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return /^(1|true|yes|on)$/i.test(value.trim());
}
