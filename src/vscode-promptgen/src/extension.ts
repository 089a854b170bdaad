import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts `promptgen lsp` (from PATH, or the promptgen.server.path setting) for .prompt and eval files. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration('promptgen');
  const command = settings.get<string>('server.path') || 'promptgen';
  const args = [...settings.get<string[]>('server.arguments', []), 'lsp'];
  const serverOptions: ServerOptions = { command, args };
  const output = vscode.window.createOutputChannel('PromptGen');

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'promptgen' },
      { scheme: 'file', language: 'promptgen-eval' },
    ],
    initializationOptions: { evalMode: settings.get<string>('evalMode', 'replay') },
    synchronize: {
      configurationSection: 'promptgen',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.prompt,*.eval.yaml,*.csproj}'),
    },
    outputChannel: output,
    middleware: {
      // The server executes the code lens commands; the client shows what they return.
      executeCommand: async (name, commandArgs, next) => {
        const result = await next(name, commandArgs);
        if (name === 'promptgen.renderCase' && result?.content !== undefined) {
          const document = await vscode.workspace.openTextDocument({ language: result.language ?? 'json', content: result.content });
          await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        } else if (name === 'promptgen.runCase' && result) {
          output.appendLine(result.output ?? '');
          output.show(true);
          const message = result.passed ? 'PromptGen: eval passed.' : 'PromptGen: eval failed; see the PromptGen output.';
          (result.passed ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(message);
        }
        return result;
      },
    },
  };

  client = new LanguageClient('promptgen', 'PromptGen', serverOptions, clientOptions);
  context.subscriptions.push(output);
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `PromptGen: could not start '${command} lsp' (${error}). Install the tool (dotnet tool install -g PromptGen.Cli) or set promptgen.server.path.`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
