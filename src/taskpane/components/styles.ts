import { makeStyles, tokens } from '@fluentui/react-components';

/** Shared look of the pane's sections: a white card with a heading. */
export const useSectionStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hint: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  /** The look of a proposed forecast in the sheet (PROPOSAL_FILL, italic), as a legend swatch. */
  proposalSwatch: {
    display: 'inline-block',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    backgroundColor: '#FFF2CC',
    color: tokens.colorNeutralForeground1,
    fontStyle: 'italic',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});
