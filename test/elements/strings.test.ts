import { expect } from '@open-wc/testing';
import { firstUseStrings } from '../../src/elements/shared/first-use-strings.js';
import { defaultStrings, describeError, withStrings } from '../../src/elements/shared/strings.js';

describe('the string catalog', () => {
  it('words the lists, the chat and the end-chat dialog in plain English by default', () => {
    expect(defaultStrings.picklist).to.equal('Picklist');
    expect(defaultStrings.internalNotes).to.equal('Internal notes');
    expect(defaultStrings.endChat).to.equal('End chat');
    expect(defaultStrings.previousConversations).to.equal('Previous conversations');
    expect(defaultStrings.notesHint).to.equal('Only agents see internal notes.');
  });

  it('fills counts, names and dates into the sentences that need them', () => {
    expect(defaultStrings.unread(3)).to.equal('3 unread');
    expect(defaultStrings.conversationOn('Friday')).to.equal('Conversation from Friday');
    expect(firstUseStrings.endChatQuestion('Emma Clarke')).to.equal('End chat with Emma Clarke?');
    expect(firstUseStrings.removeAttachment('parcel.png')).to.equal('Remove parcel.png');
    expect(defaultStrings.uploading(40)).to.equal('Uploading 40%');
    expect(firstUseStrings.locationPreview('51.5226, -0.1571')).to.equal('Your location: 51.5226, -0.1571');
    expect(firstUseStrings.locationAccuracy('12')).to.equal('Accurate to about 12 m');
    expect(firstUseStrings.attachmentDetails('PNG', '1.5 KB')).to.equal('PNG, 1.5 KB');
  });

  it('says how many emoji a search found, with none and one worded apart and big numbers grouped', () => {
    expect(firstUseStrings.emojiFound(0)).to.equal('No emoji found.');
    expect(firstUseStrings.emojiFound(1)).to.equal('1 emoji found.');
    expect(firstUseStrings.emojiFound(12)).to.equal('12 emoji found.');
    expect(firstUseStrings.emojiFound(1234)).to.equal(`${(1234).toLocaleString()} emoji found.`);
    expect(defaultStrings.pasteTooLong(10000)).to.equal(
      `The pasted text was cut to ${(10000).toLocaleString()} characters.`,
    );
  });

  it('names the six skin tones and falls back to the default for any other number', () => {
    expect([0, 1, 2, 3, 4, 5].map(firstUseStrings.emojiSkinToneName)).to.deep.equal([
      'Default',
      'Light',
      'Medium-light',
      'Medium',
      'Medium-dark',
      'Dark',
    ]);
    expect(firstUseStrings.emojiSkinToneName(6)).to.equal('Default');
    expect(firstUseStrings.emojiSkinToneName(-1)).to.equal('Default');
  });

  it('has words for every error code, and lets an element say something more specific for one', () => {
    expect(describeError(defaultStrings, 'network')).to.equal('The connection to the server failed. Try again.');
    expect(describeError(defaultStrings, 'conflict')).to.equal('Someone else changed this first.');
    expect(describeError(defaultStrings, 'forbidden')).to.equal('You are not allowed to do that.');
    expect(describeError(defaultStrings, 'invalid')).to.equal('That could not be done.');
    const specific = { conflict: defaultStrings.pickConflict };
    expect(describeError(defaultStrings, 'conflict', specific)).to.equal(
      'Another agent picked this conversation first.',
    );
    expect(describeError(defaultStrings, 'network', specific)).to.equal(defaultStrings.errorNetwork);
  });

  it('replaces only the strings a page overrides and keeps the defaults for the rest', () => {
    const strings = withStrings({ endChat: 'Close conversation', unread: (count) => `${count} neu` });
    expect(strings.endChat).to.equal('Close conversation');
    expect(strings.unread(2)).to.equal('2 neu');
    expect(strings.picklist).to.equal('Picklist');
    expect(describeError(withStrings({ errorNetwork: 'Keine Verbindung.' }), 'network')).to.equal('Keine Verbindung.');
    expect(defaultStrings.endChat, 'the defaults themselves stay as they were').to.equal('End chat');
  });

  it('hands out the defaults themselves when nothing is overridden', () => {
    expect(withStrings(undefined)).to.equal(defaultStrings);
  });
});
