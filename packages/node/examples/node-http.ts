import { createServer } from 'node:http';
import { apisig } from '@apisig/node';

const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);
const guard = apisig({ users: (apiKey) => users.get(apiKey) });

const server = createServer(async (request, response) => {
  // false: the guard has answered (401/403 JSON, or a bare 500 if a lookup threw).
  if (!(await guard(request, response))) return;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ hello: request.apisig?.apiKey }));
});

export default server; // server.listen(3000)
