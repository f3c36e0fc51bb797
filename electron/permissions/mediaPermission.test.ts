import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowPermission, type PermissionAsk } from './mediaPermission';

const appEntry = 'file:///opt/CareDesk/resources/app.asar/dist/renderer/index.html';
const camera: PermissionAsk = { permission: 'media', requestingUrl: `${appEntry}#/sign-in`, mediaTypes: ['video'], isMainFrame: true };

test('the app page gets the camera', () => {
  assert.equal(allowPermission(camera, appEntry), true);
});

test('the microphone is refused, alone or with the camera; an empty or unknown media kind too', () => {
  assert.equal(allowPermission({ ...camera, mediaTypes: ['audio'] }, appEntry), false);
  assert.equal(allowPermission({ ...camera, mediaTypes: ['video', 'audio'] }, appEntry), false);
  assert.equal(allowPermission({ ...camera, mediaTypes: [] }, appEntry), false);
  assert.equal(allowPermission({ ...camera, mediaTypes: ['unknown'] }, appEntry), false);
});

test('every other permission is refused, even for the app page', () => {
  for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal', 'midi', 'unknown']) {
    assert.equal(allowPermission({ ...camera, permission }, appEntry), false, permission);
  }
});

test('another origin, another local file, a sub-frame or no URL at all gets nothing', () => {
  assert.equal(allowPermission({ ...camera, requestingUrl: 'https://example.com/' }, appEntry), false);
  assert.equal(allowPermission({ ...camera, requestingUrl: 'file:///home/user/Downloads/page.html' }, appEntry), false);
  assert.equal(allowPermission({ ...camera, requestingUrl: 'not a url' }, appEntry), false);
  assert.equal(allowPermission({ ...camera, requestingUrl: undefined }, appEntry), false);
  assert.equal(allowPermission({ ...camera, isMainFrame: false }, appEntry), false);
});

test('an app served over http is matched by origin', () => {
  const served = 'http://127.0.0.1:5173/index.html';
  assert.equal(allowPermission({ ...camera, requestingUrl: 'http://127.0.0.1:5173/other' }, served), true);
  assert.equal(allowPermission({ ...camera, requestingUrl: 'http://127.0.0.1:5174/index.html' }, served), false);
});
