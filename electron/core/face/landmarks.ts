/**
 * Eye aspect ratio from the 468-point face mesh (MediaPipe topology): EAR = (|p2-p6| + |p3-p5|) /
 * (2 |p1-p4|), Soukupová & Čech, "Real-Time Eye Blink Detection using Facial Landmarks", CVWW 2016.
 * It falls towards 0 as the lid closes and does not depend on the face's size.
 */
type Point = readonly (number | undefined)[];

/** p1..p6 for each eye: outer corner, two upper-lid points, inner corner, two lower-lid points. */
const eyes = [
  [33, 160, 158, 133, 153, 144],
  [263, 387, 385, 362, 380, 373],
] as const;

const dist = (a: Point, b: Point) => Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0));

export function eyeOpenness(mesh: readonly Point[]): number {
  if (mesh.length < 468) throw new RangeError(`the face mesh has ${mesh.length} points, not 468`);
  const ratios = eyes.map(([p1, p2, p3, p4, p5, p6]) => {
    const width = dist(mesh[p1]!, mesh[p4]!);
    return width === 0 ? 0 : (dist(mesh[p2]!, mesh[p6]!) + dist(mesh[p3]!, mesh[p5]!)) / (2 * width);
  });
  return (ratios[0]! + ratios[1]!) / 2;
}
