export type BenchResult = {
  name: string;
  figures: { label: string; value: number; unit: string; target?: string; ok?: boolean }[];
  notes?: string[];
};
