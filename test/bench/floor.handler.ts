import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/*
 * The floor of the cold-start bench (issue 13): the least an API Lambda of this stack can be, a Hono app that
 * reads one DynamoDB item. Bundled the way infra bundles the real handlers, it is what their bytes and import
 * times are measured against.
 */

const client = new DynamoDBClient({});
const app = new Hono();

app.get('/items/:id', async (c) => {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: c.req.param('id') } } }),
  );
  return Item ? c.json(Item) : c.notFound();
});

export const handler = handle(app);
