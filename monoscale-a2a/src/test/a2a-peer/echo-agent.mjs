// echo-agent.mjs: an A2A agent built on the official @a2a-js/sdk, used by MonoScale's tests as an
// independent peer. It speaks A2A 1.0 and, through the SDK's compatibility layer, 0.3, over JSON-RPC and
// HTTP+JSON.
//
//   PORT=0 node echo-agent.mjs
//
// Environment:
//   PORT, HOST         where to listen (default 0 = any free port, 127.0.0.1)
//   AGENT_NAME         the card's name (default "Echo Agent")
//   AGENT_SKILLS       JSON array of skills {id, name, description, tags, examples} (default: one "echo" skill)
//   BEHAVIOUR          echo (default): see the text modes below; fail: every request ends as a failed task;
//                      hang: never answers; task: every reply is a completed task with an artifact
//   REQUIRE_TOKEN      when set, the card asks for a bearer token and calls without "Bearer <token>" get 401
//   A2A_COMPAT         1 (default) also accepts A2A 0.3; 0 only 1.0
//
// Text modes of BEHAVIOUR=echo (the first word picks one):
//   "task: x"    a task: submitted, working, artifact "echo: task: x", completed
//   "fail: x"    a task that ends failed
//   "slow: x"    a task that works for SLOW_MS (default 1500) ms and then completes
//   "inspect: x" a message whose data parts hold the request as the SDK parsed it and the A2A-Version it used
//   otherwise    a message "echo: <text>"
//
// Prints one line "PEER_READY {json}" on stdout once it accepts connections. Every request body it receives is
// kept as it came over the wire; GET /_received returns them as a JSON array (method, path, headers, body)
// and DELETE /_received forgets them. Exits on SIGTERM, or when stdin closes.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { AGENT_CARD_PATH, Role, SendMessageRequest, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';

const env = process.env;
const HOST = env.HOST ?? '127.0.0.1';
const BEHAVIOUR = env.BEHAVIOUR ?? 'echo';
const COMPAT = (env.A2A_COMPAT ?? '1') !== '0';
const SLOW_MS = Number(env.SLOW_MS ?? 1500);
const TOKEN = env.REQUIRE_TOKEN ?? '';
const SKILLS = env.AGENT_SKILLS ? JSON.parse(env.AGENT_SKILLS)
  : [{ id: 'echo', name: 'Echo', description: 'Echoes the text back', tags: ['echo'], examples: ['hello'] }];

const text = (value) => ({ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: 'text/plain' });
const data = (value) => ({ content: { $case: 'data', value }, metadata: undefined, filename: '', mediaType: 'application/json' });
const reply = (parts, contextId, taskId) => ({
  messageId: randomUUID(), contextId, taskId: taskId ?? '', role: Role.ROLE_AGENT, parts, metadata: undefined,
  extensions: [], referenceTaskIds: [],
});
const status = (state, message) => ({ state, message, timestamp: new Date().toISOString() });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const executor = {
  async cancelTask() {},
  async execute(ctx, bus) {
    const { taskId, contextId } = ctx;
    const said = ctx.userMessage.parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('');
    let mode = /^(task|fail|slow|inspect):/.exec(said)?.[1];
    if (BEHAVIOUR === 'hang') { await sleep(600_000); return; }
    if (BEHAVIOUR === 'fail') mode = 'fail';
    if (BEHAVIOUR === 'task') mode = 'task';
    if (mode === 'inspect') {
      bus.publish(AgentEvent.message(reply([text('inspect'), data(SendMessageRequest.toJSON(ctx.request)),
        data({ a2aVersion: ctx.context.requestedVersion })], contextId)));
      return;
    }
    if (!mode) { bus.publish(AgentEvent.message(reply([text(`echo: ${said}`)], contextId))); return; }
    const update = (state, message) => bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: status(state, message), metadata: undefined }));
    bus.publish(AgentEvent.task(ctx.task ?? {
      id: taskId, contextId, status: status(TaskState.TASK_STATE_SUBMITTED), artifacts: [], history: [ctx.userMessage], metadata: undefined,
    }));
    update(TaskState.TASK_STATE_WORKING, reply([text('working')], contextId, taskId));
    if (mode === 'fail') { update(TaskState.TASK_STATE_FAILED, reply([text('failed on purpose')], contextId, taskId)); return; }
    if (mode === 'slow') await sleep(SLOW_MS);
    bus.publish(AgentEvent.artifactUpdate({
      taskId, contextId, append: false, lastChunk: true, metadata: undefined,
      artifact: { artifactId: 'result', name: 'echo', description: '', parts: [text(`echo: ${said}`)], metadata: undefined, extensions: [] },
    }));
    update(TaskState.TASK_STATE_COMPLETED);
  },
};

const received = [];
const app = express();
// Keep the raw body of every request; parsing here leaves req.body set, so the SDK's own parser skips it.
app.use(express.json({ type: () => true, verify: (req, res, buf) => { req.rawBody = buf.toString('utf8'); } }));
app.use((req, res, next) => {
  if (req.path !== '/_received') {
    received.push({ method: req.method, path: req.path, headers: pick(req.headers), body: req.rawBody ?? '' });
  }
  if (TOKEN && req.path.startsWith('/a2a/') && req.headers.authorization !== `Bearer ${TOKEN}`) {
    res.status(401).json({ error: 'missing or wrong bearer token' });
    return;
  }
  next();
});
const pick = (h) => Object.fromEntries(['content-type', 'accept', 'a2a-version', 'authorization']
  .filter((k) => h[k] !== undefined).map((k) => [k, h[k]]));
app.get('/_received', (req, res) => res.json(received));
app.delete('/_received', (req, res) => { received.length = 0; res.json([]); });

const server = app.listen(Number(env.PORT ?? 0), HOST, (err) => {
  if (err) { console.error('PEER_FAILED', err.message); process.exit(1); }
  const { port } = server.address();
  const base = `http://${HOST}:${port}`;
  const interfaces = [
    { url: `${base}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' },
    { url: `${base}/a2a/rest`, protocolBinding: 'HTTP+JSON', tenant: '', protocolVersion: '1.0' },
  ];
  if (COMPAT) interfaces.push({ ...interfaces[0], protocolVersion: '0.3' }, { ...interfaces[1], protocolVersion: '0.3' });
  const card = {
    name: env.AGENT_NAME ?? 'Echo Agent', description: `Test peer on @a2a-js/sdk (${BEHAVIOUR})`, version: '1.0.0',
    supportedInterfaces: interfaces,
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: TOKEN ? { bearer: { httpAuthSecurityScheme: { scheme: 'Bearer', description: 'a test token' } } } : {},
    securityRequirements: TOKEN ? [{ schemes: { bearer: { list: [] } } }] : [],
    defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'],
    skills: SKILLS.map((s) => ({ tags: [], examples: [], inputModes: [], outputModes: [], securityRequirements: [], ...s })),
    signatures: [],
  };
  const requestHandler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
  const legacyCompat = { enabled: COMPAT };
  const userBuilder = UserBuilder.noAuthentication;
  app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: requestHandler, legacyCompat, cache: { maxAge: 0 } }));
  app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler, userBuilder, legacyCompat }));
  app.use('/a2a/rest', restHandler({ requestHandler, userBuilder, legacyCompat }));
  console.log('PEER_READY ' + JSON.stringify({ port, url: base, behaviour: BEHAVIOUR, compat: COMPAT }));
});
const stop = () => { server.closeAllConnections?.(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 1000).unref(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.resume();
process.stdin.on('end', stop);
