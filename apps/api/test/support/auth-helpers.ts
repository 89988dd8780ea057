import request from 'supertest';
import { ADMIN, TestApp } from './test-app';

export async function loginAs(testApp: TestApp, credentials = ADMIN): Promise<string> {
  const response = await request(testApp.http)
    .post('/api/v1/auth/login')
    .send(credentials)
    .expect(200);
  return response.body.access_token as string;
}
