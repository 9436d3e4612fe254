import type { z } from "zod";
import type * as facts from "./api/facts";

/*
 * The validation facts' types, named from their one definition in ./api/facts.ts (see there for
 * what each fact means). Type-only, so the rules and the SPA's first route never load zod.
 */
export type OsType = z.infer<typeof facts.OsTypeSchema>;
export type SupportedImageFact = z.infer<typeof facts.SupportedImageFactSchema>;
export type VmSizeFact = z.infer<typeof facts.VmSizeFactSchema>;
export type AccountQuotaFact = z.infer<typeof facts.AccountQuotaFactSchema>;
export type GalleryImageFact = z.infer<typeof facts.GalleryImageFactSchema>;
export type SubscriptionFact = z.infer<typeof facts.SubscriptionFactSchema>;
export type RegistryProbeStatus = z.infer<typeof facts.RegistryProbeStatusSchema>;
export type RegistryProbeFact = z.infer<typeof facts.RegistryProbeFactSchema>;
export type ImageProbeStatus = z.infer<typeof facts.ImageProbeStatusSchema>;
export type ImageProbeFact = z.infer<typeof facts.ImageProbeFactSchema>;
export type TaskPoolFact = z.infer<typeof facts.TaskPoolFactSchema>;
export type TaskJobFact = z.infer<typeof facts.TaskJobFactSchema>;
export type ApplicationFact = z.infer<typeof facts.ApplicationFactSchema>;
export type ValidationContext = z.infer<typeof facts.ValidationContextSchema>;
