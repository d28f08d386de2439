import { makeStyles, tokens } from '@fluentui/react-components';

/** Shared look of the pane's sections: a white card with a heading, sized for a 350 px pane. */
export const useSectionStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hint: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  /** A <details> section: the summary is the heading, the body folds away. */
  summary: {
    cursor: 'pointer',
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    listStylePosition: 'inside',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  /** The look of a proposed forecast in the sheet (PROPOSAL_FILL, italic), as a legend swatch. */
  proposalSwatch: {
    display: 'inline-block',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    backgroundColor: '#FFF2CC',
    color: tokens.colorNeutralForeground1,
    fontStyle: 'italic',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  /** A "Varför?" disclosure beside a value: the evidence the core gives. */
  why: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    '& > summary': {
      cursor: 'pointer',
      color: tokens.colorBrandForegroundLink,
      width: 'fit-content',
      ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    },
  },
  whyText: { margin: `2px 0 0`, color: tokens.colorNeutralForeground2 },
});
