/** Whole years between a YYYY-MM-DD birth date and a day. */
export function ageOn(birthDate: string, on: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = on.getMonth() + 1 > month || (on.getMonth() + 1 === month && on.getDate() >= day);
  return on.getFullYear() - year - (hadBirthday ? 0 : 1);
}
