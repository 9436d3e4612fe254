import { Tab, TabList } from "@fluentui/react-components";
import { GalleryImagePicker } from "./GalleryImagePicker";
import { leftoverIssues } from "./leftover";
import { MarketplaceImagePicker } from "./MarketplaceImagePicker";
import { StepIssues } from "./StepIssues";
import { useStepStyles } from "./BasicsStep";
import { useWizard } from "./WizardContext";

export function ImageStep() {
  const styles = useStepStyles();
  const { spec, update, issues } = useWizard();
  const kind = spec.image?.kind ?? "marketplace";
  return (
    <div className={styles.form}>
      <TabList
        selectedValue={kind}
        onTabSelect={(_, d) =>
          update((s) =>
            d.value === s.image?.kind
              ? s
              : {
                  ...s,
                  nodeAgentSkuId: "",
                  image: d.value === "gallery" ? { kind: "gallery", imageId: "" } : { kind: "marketplace", publisher: "", offer: "", sku: "", version: "latest" },
                },
          )
        }
      >
        <Tab value="marketplace">Marketplace (container-ready)</Tab>
        <Tab value="gallery">Shared Image Gallery</Tab>
      </TabList>
      {kind === "marketplace" ? <MarketplaceImagePicker /> : <GalleryImagePicker />}
      <StepIssues issues={leftoverIssues(issues, "image", [["image"], ["image", "imageId"], ["nodeAgentSkuId"]])} />
    </div>
  );
}
