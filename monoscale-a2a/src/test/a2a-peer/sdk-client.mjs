// sdk-client.mjs: calls an A2A agent with the official @a2a-js/sdk client, for MonoScale's tests of its server.
//
//   node sdk-client.mjs <baseUrl> [--rest] [--v03] [--stream] [--poll] [--text "hello"]
//
// Resolves the card under <baseUrl>, picks JSON-RPC (or HTTP+JSON with --rest) at 1.0 (or 0.3 with --v03), sends one
// message and prints, one per line:
//   TRANSPORT {"protocol", "version"}
//   RESULT {"message": ...} | {"task": ...}        the send's result as the SDK read it
//   TASK {...}                                      with --poll: GetTask of the result's task until it settles
//   EVENTS [...]                                    with --stream: every streamed event as the SDK read it
//   CLIENT_OK
// Exits 1 with CLIENT_FAILED <reason> on any error the SDK raises.
import { Message, SendMessageRequest, StreamResponse, Task } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory, RestTransportFactory } from '@a2a-js/sdk/client';
import { randomUUID } from 'node:crypto';

const args = process.argv.slice(2);
const baseUrl = args[0];
const flag = (name) => args.includes(name);
const text = flag('--text') ? args[args.indexOf('--text') + 1] : 'hello';
const legacyCompat = { enabled: true };

try {
  const card = await new DefaultAgentCardResolver({ legacyCompat }).resolve(baseUrl);
  if (flag('--v03')) card.supportedInterfaces = card.supportedInterfaces.filter((i) => i.protocolVersion === '0.3');
  else card.supportedInterfaces = card.supportedInterfaces.filter((i) => i.protocolVersion === '1.0');
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    cardResolver: new DefaultAgentCardResolver({ legacyCompat }),
    transports: [new JsonRpcTransportFactory({ legacyCompat }), new RestTransportFactory({ legacyCompat })],
    preferredTransports: [flag('--rest') ? 'HTTP+JSON' : 'JSONRPC'],
  }));
  const client = await factory.createFromAgentCard(card);
  console.log('TRANSPORT ' + JSON.stringify({ protocol: client.transport.protocolName, version: client.protocolVersion }));
  const request = () => SendMessageRequest.fromJSON({ message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text, mediaType: 'text/plain' }] } });
  if (flag('--stream')) {
    const events = [];
    for await (const event of client.sendMessageStream(request())) events.push(StreamResponse.toJSON(event));
    console.log('EVENTS ' + JSON.stringify(events));
  } else {
    const result = await client.sendMessage(request());
    const isMessage = 'messageId' in result;
    console.log('RESULT ' + JSON.stringify(isMessage ? { message: Message.toJSON(result) } : { task: Task.toJSON(result) }));
    if (flag('--poll') && !isMessage) {
      let task = result;
      for (let i = 0; i < 100 && ['TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING'].includes(Task.toJSON(task).status.state); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        task = await client.getTask({ id: task.id, tenant: '' });
      }
      console.log('TASK ' + JSON.stringify(Task.toJSON(task)));
    }
  }
  console.log('CLIENT_OK');
  process.exit(0);
} catch (e) {
  console.log('CLIENT_FAILED ' + (e?.stack ?? e));
  process.exit(1);
}
