import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  webLightTheme,
} from '@fluentui/react-components';

export function Unsupported() {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 16 }}>
        <h1 style={{ fontSize: 20, margin: '0 0 12px' }}>Budgetkoll</h1>
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Öppna Budgetkoll i Excel</MessageBarTitle>
            Budgetkoll är ett tillägg till Excel och fungerar bara när det öppnas från fliken Budgetkoll i
            Excel. För att prova utan Excel, öppna arbetsbänken (workbench.html).
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
